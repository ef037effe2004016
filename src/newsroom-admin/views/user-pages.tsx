import type { Account } from '../../accounts/account.js';
import type { AccountListing } from '../../accounts/account-repository.js';
import { roles } from '../../accounts/roles.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { Csrf, ErrorSummary, Field, Notice } from './admin-components.js';

interface Common {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  notice?: string | undefined;
}

export interface InviteValues {
  email: string;
  name: string;
  role: string;
}

function status(u: AccountListing): string {
  if (!roles.includes(u.role as never)) return 'Deactivated';
  if (!u.hasPassword) return 'Invited (no password yet)';
  return u.sessions ? `Active, signed in on ${u.sessions}` : 'Active';
}

/** Everyone with an account or a byline: role changes, deactivation, "log out everywhere". */
export function UsersPage(
  props: Common & {
    users: AccountListing[];
    invite?: InviteValues;
    errors?: Record<string, string | undefined>;
  },
) {
  const invite = props.invite ?? { email: '', name: '', role: 'author' };
  const errors = props.errors ?? {};
  return (
    <AdminLayout
      site={props.site}
      title="Users"
      section="/admin/users/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Users</h1>
      <Notice text={props.notice} />
      <table class="admin-table">
        <caption>Newsroom members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
            <th scope="col">Role</th>
            <th scope="col">Sessions and access</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => {
            const self = u.id === props.account.id;
            const active = roles.includes(u.role as never);
            return (
              <tr key={u.id}>
                <th scope="row">
                  {u.name}
                  {self ? ' (you)' : ''}
                </th>
                <td>{u.email}</td>
                <td>{status(u)}</td>
                <td>
                  {self ? (
                    u.role
                  ) : (
                    <form method="post" action={`/admin/users/${u.id}/role/`} class="inline-form">
                      <Csrf token={props.csrfToken} />
                      <label for={`role-${u.id}`} class="visually-hidden">
                        Role of {u.name}
                      </label>
                      <select id={`role-${u.id}`} name="role">
                        {roles.map((r) => (
                          <option
                            value={r}
                            // A deactivated person comes back with the least power by default.
                            selected={active ? r === u.role : r === 'contributor'}
                            key={r}
                          >
                            {r}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit">{active ? 'Change role' : 'Reactivate'}</button>
                    </form>
                  )}
                </td>
                <td>
                  <form
                    method="post"
                    action={`/admin/users/${u.id}/sessions/revoke/`}
                    class="inline-form"
                  >
                    <Csrf token={props.csrfToken} />
                    <button type="submit" disabled={!u.sessions}>
                      Log {u.name} out everywhere
                    </button>
                  </form>
                  {!self && active ? (
                    <form
                      method="post"
                      action={`/admin/users/${u.id}/deactivate/`}
                      class="inline-form"
                    >
                      <Csrf token={props.csrfToken} />
                      <button type="submit" class="button-danger">
                        Deactivate {u.name}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <p>
        They get a link (valid for 7 days) to choose their password. Without a mail server (
        <code>SMTP_URL</code>) the link is written to the server log.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/users/invite/" class="stack">
        <Csrf token={props.csrfToken} />
        <Field name="email" label="Email" error={errors.email}>
          {(aria) => (
            <input
              {...aria}
              name="email"
              type="email"
              required
              maxLength={254}
              autocomplete="off"
              value={invite.email}
            />
          )}
        </Field>
        <Field name="name" label="Name (as in bylines)" error={errors.name}>
          {(aria) => <input {...aria} name="name" required maxLength={100} value={invite.name} />}
        </Field>
        <Field name="role" label="Role" error={errors.role}>
          {(aria) => (
            <select {...aria} name="role">
              {roles.map((r) => (
                <option value={r} selected={r === invite.role} key={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p>
          <button type="submit">Send invitation</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function ProfilePage(
  props: Common & {
    profile: { name: string; bio: string };
    errors?: Record<string, string | undefined>;
  },
) {
  const errors = props.errors ?? {};
  return (
    <AdminLayout
      site={props.site}
      title="Your profile"
      section="/admin/profile/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Your profile</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/profile/" class="stack">
        <Csrf token={props.csrfToken} />
        <Field name="name" label="Name (as in bylines)" error={errors.name}>
          {(aria) => (
            <input {...aria} name="name" required maxLength={100} value={props.profile.name} />
          )}
        </Field>
        <Field name="bio" label="Short biography (public, on your author page)" error={errors.bio}>
          {(aria) => (
            <textarea {...aria} name="bio" rows={4} maxLength={2000}>
              {props.profile.bio}
            </textarea>
          )}
        </Field>
        <p>
          <button type="submit">Save profile</button>
        </p>
      </form>
      <h2>Change your password</h2>
      <form method="post" action="/admin/profile/password/" class="stack">
        <Csrf token={props.csrfToken} />
        <input
          type="text"
          name="username"
          autocomplete="username"
          value={props.account.email}
          readOnly
          hidden
        />
        <Field name="current" label="Current password" error={errors.current}>
          {(aria) => (
            <input
              {...aria}
              name="current"
              type="password"
              autocomplete="current-password"
              required
              maxLength={1000}
            />
          )}
        </Field>
        <Field
          name="password"
          label="New password (at least 10 characters)"
          error={errors.password}
        >
          {(aria) => (
            <input
              {...aria}
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              maxLength={1000}
            />
          )}
        </Field>
        <p>
          <button type="submit">Change password</button>
        </p>
      </form>
      <form method="post" action="/admin/logout-everywhere/">
        <Csrf token={props.csrfToken} />
        <button type="submit">Log out on every device</button>
      </form>
    </AdminLayout>
  );
}
