import type { Account } from '../../accounts/account.js';
import type { SettingKey } from '../../settings/settings.js';
import {
  type SettingField,
  type SettingsFormValues,
  settingGroups,
} from '../../settings/settings-form.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { Csrf, ErrorSummary, Field, Notice } from './admin-components.js';

export interface SettingsPageProps {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  values: SettingsFormValues;
  errors?: Partial<Record<SettingKey, string>>;
  notice?: string | undefined;
  /** Set from the environment; shown, not edited here (they shape permalinks and must not drift). */
  environment: { locale: string; timezone: string };
}

function SettingInput(props: { field: SettingField; value: string; error?: string | undefined }) {
  const { field: f } = props;
  if (f.kind === 'bool') {
    const id = `field-${f.key}`;
    return (
      <p class="field field--check">
        <input type="checkbox" id={id} name={f.key} value="on" checked={props.value !== ''} />{' '}
        <label for={id}>{f.label}</label>
      </p>
    );
  }
  return (
    <Field
      name={f.key}
      label={f.label}
      hint={
        f.kind === 'int'
          ? `${f.hint ? `${f.hint} ` : ''}A whole number from ${f.min} to ${f.max}.`
          : f.hint
      }
      error={props.error}
    >
      {(aria) =>
        f.kind === 'int' ? (
          // Text, not type=number: what was typed (even "twelve") must be shown back as typed.
          <input
            {...aria}
            name={f.key}
            type="text"
            inputMode="numeric"
            size={8}
            value={props.value}
            required
          />
        ) : f.kind === 'text' ? (
          <input {...aria} name={f.key} type="text" maxLength={f.maxLength} value={props.value} />
        ) : f.kind === 'words' ? (
          <textarea {...aria} name={f.key} rows={4}>
            {props.value}
          </textarea>
        ) : (
          <select {...aria} name={f.key}>
            {f.choices.map((c) => (
              <option value={c} selected={c === props.value} key={c}>
                {c}
              </option>
            ))}
          </select>
        )
      }
    </Field>
  );
}

/** Site settings: every editable setting in groups, re-shown with what was typed on errors. */
export function SettingsPage(props: SettingsPageProps) {
  const errors = props.errors ?? {};
  return (
    <AdminLayout
      site={props.site}
      title="Settings"
      section="/admin/settings/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Settings</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/settings/" class="settings-form" novalidate>
        <Csrf token={props.csrfToken} />
        {settingGroups.map((group) => (
          <fieldset key={group.id}>
            <legend>{group.title}</legend>
            {group.fields.map((f) => (
              <SettingInput
                key={f.key}
                field={f}
                value={props.values[f.key] ?? ''}
                error={errors[f.key]}
              />
            ))}
            {group.id === 'site' ? (
              <p class="field__hint">
                Language <strong>{props.environment.locale}</strong> and time zone{' '}
                <strong>{props.environment.timezone}</strong> are set by <code>SITE_LOCALE</code>{' '}
                and <code>SITE_TIMEZONE</code>: the time zone is part of every story's address.
              </p>
            ) : null}
          </fieldset>
        ))}
        <p>
          <button type="submit">Save settings</button>
        </p>
      </form>
    </AdminLayout>
  );
}
