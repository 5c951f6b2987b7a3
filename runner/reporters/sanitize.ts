// Text from workloads (messages, stacks, captured output) may carry ANSI sequences and control
// characters; reporters strip them so a stray escape can never corrupt a screen, a log or a file.

// CSI (7- and 8-bit), OSC (terminated by BEL or ST, or cut short), then any other ESC sequence.
const ANSI_PATTERN = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]/g;
// C0 controls except tab and newline, DEL, C1 controls, and any escape left unpaired.
const CONTROL_PATTERN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Everything XML 1.0 forbids: C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
const XML_INVALID_PATTERN = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Plain printable text: ANSI stripped, `\r\n` and lone `\r` turned into newlines, other controls dropped. */
export function sanitizeText(text: string): string {
  return stripAnsi(text).replace(/\r\n?/g, '\n').replace(CONTROL_PATTERN, '');
}

/** Sanitized text that is also valid XML 1.0 character data (before escaping). */
export function sanitizeXmlText(text: string): string {
  return sanitizeText(text).replace(XML_INVALID_PATTERN, '');
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Escapes element text: the five XML specials, keeping newlines literal. */
export function escapeXmlText(text: string): string {
  return sanitizeXmlText(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** Escapes an attribute value; newlines and tabs become character references so parsers keep them. */
export function escapeXmlAttribute(text: string): string {
  return sanitizeXmlText(text).replace(/[&<>"'\n\t]/g, (c) => XML_ESCAPES[c]);
}
