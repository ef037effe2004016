import type { ComponentChildren } from 'preact';

/** A confirmation after a form was handled (the `?done=` message). */
export function Notice(props: { text?: string | undefined }) {
  return props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;
}

/** The error summary at the top of a form that was sent back. */
export function ErrorSummary(props: { errors: Record<string, string | undefined> }) {
  const entries = Object.entries(props.errors).filter(([, v]) => v);
  if (!entries.length) return null;
  return (
    <div class="form-error" role="alert" id="form-errors">
      <p>
        Please correct {entries.length === 1 ? 'this field' : `these ${entries.length} fields`}:
      </p>
      <ul>
        {entries.map(([key, message]) => (
          <li key={key}>
            <a href={`#field-${key}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled field with its hint and error wired up through `aria-describedby`. */
export function Field(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (aria: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: 'true';
  }) => ComponentChildren;
}) {
  const id = `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <p class={props.error ? 'field field--invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="field__hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field__error" id={errorId}>
          {props.error}
        </span>
      ) : null}
      {props.children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': 'true' as const } : {}),
      })}
    </p>
  );
}

/** The hidden CSRF field every newsroom form carries. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
