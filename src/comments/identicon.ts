/**
 * A 5×5 mirrored identicon drawn from an avatar key (a keyed hash, see `CommentKeys.avatarKey`):
 * generated here, so no request ever leaves for an avatar service.
 */
export interface Identicon {
  /** Filled cells as an SVG path in a 5×5 box. */
  path: string;
  color: string;
  background: string;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

export function identicon(avatarKey: string): Identicon {
  const bytes = Buffer.from(avatarKey, 'base64url');
  const bit = (i: number) => ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1;
  let path = '';
  let filled = 0;
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if (!bit(row * 3 + col)) continue;
      filled++;
      path += `M${col} ${row}h1v1h-1z`;
      if (col < 2) path += `M${4 - col} ${row}h1v1h-1z`;
    }
  }
  // An empty pattern would look like a missing image: fill the centre column instead.
  if (filled === 0) path = 'M2 0h1v5h-1z';
  const hue = (((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) % 360;
  // Dark enough on the light background for a 3:1 non-text contrast.
  return { path, color: hslToHex(hue, 0.55, 0.38), background: '#eef0f2' };
}
