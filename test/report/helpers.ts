// Small readers for the report tests: inline data of a spec, PNG header fields.

/** Every `data.values` array found anywhere in a spec (top level, layers, concats). */
export function inlineValues(spec: unknown): unknown[][] {
  const found: unknown[][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const data = record.data as { values?: unknown } | undefined;
    if (data && Array.isArray(data.values)) found.push(data.values);
    for (const [key, value] of Object.entries(record)) if (key !== "data") visit(value);
  };
  visit(spec);
  return found;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which the PNG format puts first. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkType = String.fromCharCode(...png.subarray(12, 16));
  if (chunkType !== "IHDR") throw new Error(`first PNG chunk is ${chunkType}, not IHDR`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
