/** A section of the site; `parentId` builds the hierarchy used in `/category/parent/child/` URLs. */
export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
}

/** What the public may know about a person with a byline: never the email. */
export interface AuthorProfile {
  id: number;
  slug: string;
  name: string;
  bio: string;
}
