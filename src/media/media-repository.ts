export interface NewMedia {
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  originalUrl: string | null;
  createdAt: string;
}

/** Storage for media items (images and their descriptive text). */
export interface MediaRepository {
  insert(media: NewMedia): Promise<number>;
}
