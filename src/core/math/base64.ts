/**
 * Base64 for typed arrays in files (checkpoints): exact bytes, a third larger than binary, safe
 * in JSON. The core has neither the DOM's btoa nor Node's Buffer, so it is written out here.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map(Array.from({ length: 64 }, (_, i) => [ALPHABET.charAt(i), i]));

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    text += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]!;
    text += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63]! : '=';
    text += i + 2 < bytes.length ? ALPHABET[triple & 63]! : '=';
  }
  return text;
}

/** The bytes of base64 text, or null if it is not well-formed base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  for (let i = 0, out = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const char = text[i + j]!;
      const last = i + 4 === text.length;
      const value = char === '=' && last && j >= 4 - padding ? 0 : VALUE.get(char);
      if (value === undefined) return null;
      triple = (triple << 6) | value;
    }
    for (let k = 2; k >= 0 && out < bytes.length; k--) {
      bytes[out + (2 - k)] = (triple >> (8 * k)) & 255;
    }
    out = Math.min(out + 3, bytes.length);
  }
  return bytes;
}

export function float32ToBase64(values: Float32Array): string {
  return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

export function float64ToBase64(values: Float64Array): string {
  return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** The floats base64 text holds (little-endian, as written), or null if it holds none. */
export function base64ToFloat32(text: string): Float32Array | null {
  const bytes = base64ToBytes(text);
  return bytes && bytes.length % 4 === 0 ? new Float32Array(bytes.buffer) : null;
}

export function base64ToFloat64(text: string): Float64Array | null {
  const bytes = base64ToBytes(text);
  return bytes && bytes.length % 8 === 0 ? new Float64Array(bytes.buffer) : null;
}
