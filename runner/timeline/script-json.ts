// JSON that can sit inside a <script type="application/json"> element of an HTML page. The HTML
// parser ends the element at the first `</script` and treats `<!--` and `<script` specially
// inside it, whatever the type, so `<` (and `>`, `&` for good measure) are written as \u escapes;
// U+2028 and U+2029 too, which older JavaScript parsers take for line ends. These characters only
// ever occur inside JSON strings, where the escape means the same character: JSON.parse of the
// element's text gives back the value exactly.
const UNSAFE_CHARS = /[<>&\u2028\u2029]/g;

export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`moonpool internal invariant broken: scriptJson got a value JSON cannot write (${typeof value})`);
  return json.replace(UNSAFE_CHARS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
