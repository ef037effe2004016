import type { Settings } from '../settings/settings.js';
import { findListedWord } from './text-fold.js';

/** What the moderation rules look at; everything here is already validated and cleaned. */
export interface ModerationInput {
  text: string;
  authorName: string;
  authorUrl: string | null;
  /** Links in the rendered text. */
  linkCount: number;
  /** The hidden field only bots fill in. */
  honeypotFilled: boolean;
  /** True when the email already has an approved comment. */
  knownAuthor: boolean;
}

export type ModerationSettings = Pick<
  Settings,
  'commentHoldFirstComment' | 'commentMaxLinks' | 'commentHeldWords' | 'commentBlockedWords'
>;

export interface ModerationDecision {
  status: 'approved' | 'pending' | 'spam';
  /** The rule that decided the status, e.g. `blocked-word`, `first-comment`, `passed`. */
  rule: string;
  /** Every signal that fired with its score, for moderators. */
  reason: string;
  score: number;
}

interface Signal {
  rule: string;
  score: number;
  note: string;
  /** Holds for a person to look at whatever the score. */
  hold?: boolean;
}

/** A score at or above this is spam; at or above HOLD_SCORE it waits for a moderator. */
export const SPAM_SCORE = 100;
export const HOLD_SCORE = 50;

/**
 * Decides a new comment's status from local signals only (no outside service), Akismet-style: each
 * rule adds to a score and names itself, so moderators see why a comment was held or binned.
 */
export function moderate(input: ModerationInput, settings: ModerationSettings): ModerationDecision {
  const signals: Signal[] = [];
  if (input.honeypotFilled) {
    signals.push({ rule: 'honeypot', score: 100, note: 'the hidden field was filled in' });
  }
  const everything = `${input.authorName}\n${input.text}`;
  const blocked = findListedWord(everything, settings.commentBlockedWords);
  if (blocked !== undefined) {
    signals.push({ rule: 'blocked-word', score: 100, note: `blocked word “${blocked}”` });
  }
  const held = findListedWord(everything, settings.commentHeldWords);
  if (held !== undefined) {
    signals.push({ rule: 'held-word', score: 20, note: `held word “${held}”`, hold: true });
  }
  if (input.linkCount > settings.commentMaxLinks) {
    signals.push({
      rule: 'too-many-links',
      score: 30 + 5 * (input.linkCount - settings.commentMaxLinks),
      note: `${input.linkCount} links (more than ${settings.commentMaxLinks})`,
      hold: true,
    });
  }
  if (/https?:\/\/|www\.|\.(com|net|ru|xyz|top)\b/i.test(input.authorName)) {
    signals.push({ rule: 'link-in-name', score: 40, note: 'the name looks like a web address' });
  }
  const letters = input.text.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  if (letters.length >= 20 && upper.length / letters.length > 0.7) {
    signals.push({ rule: 'shouting', score: 10, note: 'mostly capital letters' });
  }
  if (/(.)\1{9,}/u.test(input.text)) {
    signals.push({
      rule: 'repeated-characters',
      score: 10,
      note: 'a character repeated 10+ times',
    });
  }
  if (input.linkCount > 0 && input.text.replace(/https?:\/\/\S+/g, '').trim().length < 20) {
    signals.push({ rule: 'link-only', score: 30, note: 'little text besides links' });
  }
  if (settings.commentHoldFirstComment && !input.knownAuthor) {
    signals.push({ rule: 'first-comment', score: 0, note: 'no approved comment yet', hold: true });
  }

  const score = signals.reduce((n, s) => n + s.score, 0);
  const reason = signals.length
    ? signals.map((s) => `${s.note} (+${s.score})`).join('; ')
    : 'no rule fired';
  const strongest = [...signals].sort((a, b) => b.score - a.score)[0];
  if (score >= SPAM_SCORE) return { status: 'spam', rule: strongest!.rule, reason, score };
  const holding = signals.find((s) => s.hold);
  if (holding) return { status: 'pending', rule: holding.rule, reason, score };
  if (score >= HOLD_SCORE) return { status: 'pending', rule: strongest!.rule, reason, score };
  return { status: 'approved', rule: 'passed', reason, score };
}
