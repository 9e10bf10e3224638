/**
 * Guidelines Markdown to HTML, safely. markdown-it with `html: false` escapes
 * any HTML the text holds rather than passing it through, and refuses
 * javascript:, vbscript: and data: links; DOMPurify then cleans what comes out
 * all the same, so a project file written by someone else can never run code
 * in the workbench. Links open in a new window, away from the workbench.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Sanitised HTML for `text`. */
export function renderGuidelines(text: string): string {
  const html = markdown.render(text);
  const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'img'] });
  // Every link leaves the workbench: a new window, with no way back to this one.
  const template = document.createElement('template');
  template.innerHTML = clean;
  for (const link of template.content.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return template.innerHTML;
}
