import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { Account } from '../account.js';
import { can } from '../roles.js';

export function LoginPage(props: {
  site: SiteContext;
  email?: string;
  error?: string;
  next?: string;
  notice?: string;
}) {
  return (
    <AdminLayout site={props.site} title="Log in">
      <section class="auth-box">
        <h1>Log in to the newsroom</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.error ? (
          <p class="form-error" role="alert" id="login-error">
            {props.error}
          </p>
        ) : null}
        <form
          method="post"
          action="/admin/login/"
          aria-describedby={props.error ? 'login-error' : undefined}
        >
          <input type="hidden" name="next" value={props.next ?? '/admin/'} />
          <p class="field">
            <label for="login-email">Email</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autocomplete="username"
              required
              value={props.email ?? ''}
              maxLength={254}
            />
          </p>
          <p class="field">
            <label for="login-password">Password</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxLength={1000}
            />
          </p>
          <p>
            <button type="submit">Log in</button>
          </p>
        </form>
        <p>
          <a href="/admin/reset-password/">Forgot your password?</a>
        </p>
      </section>
    </AdminLayout>
  );
}

export function ResetRequestPage(props: { site: SiteContext; sent?: boolean; email?: string }) {
  return (
    <AdminLayout site={props.site} title="Reset your password">
      <section class="auth-box">
        <h1>Reset your password</h1>
        {props.sent ? (
          <p role="status">
            If an account uses that address, a link to choose a new password is on its way. The link
            works once, for one hour.
          </p>
        ) : null}
        <form method="post" action="/admin/reset-password/">
          <p class="field">
            <label for="reset-email">Email</label>
            <input
              id="reset-email"
              name="email"
              type="email"
              autocomplete="username"
              required
              value={props.email ?? ''}
              maxLength={254}
            />
          </p>
          <p>
            <button type="submit">Send the link</button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}

export function ChoosePasswordPage(props: {
  site: SiteContext;
  action: string;
  heading: string;
  error?: string;
}) {
  return (
    <AdminLayout site={props.site} title={props.heading}>
      <section class="auth-box">
        <h1>{props.heading}</h1>
        {props.error ? (
          <p class="form-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <form method="post" action={props.action}>
          <p class="field">
            <label for="new-password">New password (at least 10 characters)</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autocomplete="new-password"
              minLength={10}
              maxLength={1000}
              required
            />
          </p>
          <p>
            <button type="submit">Save password</button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}

export function DashboardPage(props: {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  /** Comments waiting for moderation (shown to moderators). */
  pendingComments?: number;
}) {
  const { account } = props;
  return (
    <AdminLayout
      site={props.site}
      title="Dashboard"
      section="/admin/"
      account={{ name: account.name, csrfToken: props.csrfToken, role: account.role }}
    >
      <h1>Welcome, {account.name}</h1>
      <p>
        You are signed in as <strong>{account.role}</strong>.
      </p>
      <ul>
        {can(account.role, 'moderate_comments') ? (
          <li>
            <a href="/admin/comments/">Moderate comments</a>
            {props.pendingComments !== undefined ? ` (${props.pendingComments} pending)` : ''}
          </li>
        ) : null}
        {can(account.role, 'manage_taxonomy') ? (
          <li>
            <a href="/admin/categories/">Categories</a> and <a href="/admin/tags/">tags</a>
          </li>
        ) : null}
        {can(account.role, 'manage_users') ? (
          <li>
            <a href="/admin/users/">Users and invitations</a>
          </li>
        ) : null}
        {can(account.role, 'manage_settings') ? (
          <li>
            <a href="/admin/settings/">Site settings</a>
          </li>
        ) : null}
        <li>
          <a href="/admin/profile/">Your profile and password</a>
        </li>
        <li>
          <a href="/">View the site</a>
        </li>
      </ul>
      <form method="post" action="/admin/logout-everywhere/">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit">Log out on every device</button>
      </form>
    </AdminLayout>
  );
}
