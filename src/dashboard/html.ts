/**
 * Server-rendered HTML with hono's `html` template: every interpolated value is escaped unless it is itself HTML
 * made by this template (or `raw`, which only this folder's own constant markup may use).
 */
import { html as honoHtml } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A piece of HTML that is safe to send: escaped text and markup written here. */
export type Html = HtmlEscapedString;

/** The `html` template, synchronous: the pages never interpolate promises. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}
