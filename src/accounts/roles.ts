/**
 * Newsroom roles and what each may do. Every route and API action checks a capability, never a
 * role name, so roles can change without touching handlers.
 */
export const capabilities = [
  'write_drafts',
  'submit_for_review',
  'edit_own',
  'publish_own',
  'edit_others',
  'publish_others',
  'upload_media',
  'moderate_comments',
  'manage_taxonomy',
  'manage_users',
  'manage_settings',
] as const;

export type Capability = (typeof capabilities)[number];

export const roles = ['administrator', 'editor', 'author', 'contributor'] as const;
export type Role = (typeof roles)[number];

const contributor: Capability[] = ['write_drafts', 'submit_for_review', 'edit_own'];
const author: Capability[] = [...contributor, 'publish_own', 'upload_media'];
const editor: Capability[] = [
  ...author,
  'edit_others',
  'publish_others',
  'moderate_comments',
  'manage_taxonomy',
];
const administrator: Capability[] = [...editor, 'manage_users', 'manage_settings'];

const byRole: Record<Role, ReadonlySet<Capability>> = {
  contributor: new Set(contributor),
  author: new Set(author),
  editor: new Set(editor),
  administrator: new Set(administrator),
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** True when `role` grants `capability`; unknown roles grant nothing. */
export function can(role: string, capability: Capability): boolean {
  return isRole(role) && byRole[role].has(capability);
}
