/** Text made safe for HTML content and quoted attribute values (mails and pages alike). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
