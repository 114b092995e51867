/**
 * Packing a docx `Document` into the bytes of a .docx (a zip archive), reproducibly and fast.
 *
 * docx's `Packer` compiles the package's parts (XML by path) and zips them with a DEFLATE written in
 * JavaScript, every part of every document again — styles, theme, settings, fonts, relationships are the same
 * in every notice. Here the parts come from the same compiler (so the XML is docx's, byte for byte), but each
 * part is compressed by the platform's native zlib, and a part whose XML was compressed before is taken from
 * a small cache instead: a batch of 100 notices compresses the fixed parts once. DEFLATE is deterministic, so
 * a part from the cache is the same bytes as the part compressed again.
 *
 * Every entry of the archive is dated by `date` (midnight): no clock reaches the file, and the same model
 * gives the same bytes whenever it is rendered.
 *
 * Should a future docx no longer expose its compiler (or with reuse turned off, reuse.ts), packing falls back to
 * `Packer.toBuffer` and patches the entries' dates in place (reproducible.ts) — slower, same document, though
 * docx's own DEFLATE gives other compressed bytes.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { Packer, type Document, type IContext, type IXmlableObject } from 'docx';
import type { CalendarDate } from './chinese-date';
import { stampZipEntries } from './reproducible';
import { onClearReuse, reusesFormatting } from './reuse';

type PartData = string | Uint8Array;

export interface PartOverride {
  path: string;
  data: string;
}

/** The part of docx's Packer used here: the package's parts by path, in docx's order, before zipping. */
interface PartsCompiler {
  compile(file: Document, prettify: undefined, overrides: PartOverride[]): Map<string, PartData>;
}

function docxCompiler(): PartsCompiler | null {
  const compiler = (Packer as unknown as { compiler?: { compile?: unknown } }).compiler;
  return compiler && typeof compiler.compile === 'function' ? (compiler as PartsCompiler) : null;
}

/** One part, compressed: what the zip archive needs to hold it. */
interface CompressedPart {
  crc: number;
  size: number;
  compressed: Buffer;
}

/**
 * Compressed parts by path and XML, most recently used last. The fixed parts of each font mode (about 20)
 * stay in it; a document's own parts (its text, its core properties) pass through and drop out again.
 */
const compressedParts = new Map<string, CompressedPart>();
const COMPRESSED_PARTS_KEPT = 96;

function compressPart(bytes: Uint8Array): CompressedPart {
  return { crc: crc32(bytes), size: bytes.length, compressed: deflateRawSync(bytes) };
}

function compressedPart(path: string, data: PartData): CompressedPart {
  if (typeof data !== 'string') return compressPart(data);
  const key = `${path}\n${data}`;
  const hit = compressedParts.get(key);
  if (hit) {
    // most recently used last: the fixed parts are used by every document and never drop out
    compressedParts.delete(key);
    compressedParts.set(key, hit);
    return hit;
  }
  const part = compressPart(Buffer.from(data, 'utf8'));
  compressedParts.set(key, part);
  if (compressedParts.size > COMPRESSED_PARTS_KEPT) compressedParts.delete(compressedParts.keys().next().value!);
  return part;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: DEFLATE
const DEFLATE = 8;
const UTF8_NAME = 0x0800;

/** A zip archive of the parts, in order, each DEFLATE-compressed and dated midnight of `date`. */
export function zipParts(parts: ReadonlyMap<string, PartData>, date: CalendarDate): Buffer {
  const dosDate = ((date.year - 1980) << 9) | (date.month << 5) | date.day;
  const dosTime = 0;
  const entries = [...parts].map(([path, data]) => {
    const name = Buffer.from(path, 'utf8');
    return { name, flags: name.length === path.length ? 0 : UTF8_NAME, part: compressedPart(path, data), offset: 0 };
  });
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.part.compressed.length, 0);
  const centralSize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  const out = Buffer.alloc(localSize + centralSize + 22);
  let at = 0;
  for (const entry of entries) {
    const { name, flags, part } = entry;
    entry.offset = at;
    out.writeUInt32LE(LOCAL_HEADER, at);
    out.writeUInt16LE(VERSION, at + 4);
    out.writeUInt16LE(flags, at + 6);
    out.writeUInt16LE(DEFLATE, at + 8);
    out.writeUInt16LE(dosTime, at + 10);
    out.writeUInt16LE(dosDate, at + 12);
    out.writeUInt32LE(part.crc, at + 14);
    out.writeUInt32LE(part.compressed.length, at + 18);
    out.writeUInt32LE(part.size, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    out.writeUInt16LE(0, at + 28);
    name.copy(out, at + 30);
    part.compressed.copy(out, at + 30 + name.length);
    at += 30 + name.length + part.compressed.length;
  }
  const centralStart = at;
  for (const { name, flags, part, offset } of entries) {
    out.writeUInt32LE(CENTRAL_HEADER, at);
    out.writeUInt16LE(VERSION, at + 4);
    out.writeUInt16LE(VERSION, at + 6);
    out.writeUInt16LE(flags, at + 8);
    out.writeUInt16LE(DEFLATE, at + 10);
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    out.writeUInt32LE(part.crc, at + 16);
    out.writeUInt32LE(part.compressed.length, at + 20);
    out.writeUInt32LE(part.size, at + 24);
    out.writeUInt16LE(name.length, at + 28);
    // extra field, comment, disk number, internal and external attributes: none (zeros)
    out.writeUInt32LE(offset, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  }
  out.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, at);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(at - centralStart, at + 12);
  out.writeUInt32LE(centralStart, at + 16);
  return out;
}

/** The .docx bytes of `document`, with `overrides` replacing docx's parts of the same path. */
export async function packDocument(document: Document, overrides: PartOverride[], date: CalendarDate): Promise<Buffer> {
  const compiler = reusesFormatting() ? docxCompiler() : null;
  if (!compiler) return stampZipEntries(await Packer.toBuffer(document, false, overrides), date);
  return zipParts(compiler.compile(document, undefined, overrides), date);
}

/**
 * docx's formatted XML objects of the styles (by the styles' options) and of the theme. docx builds and formats
 * both for every document although they only depend on the document's options — the styles on the default
 * font of the font mode, the theme on nothing — so they are formatted once and the object reused (docx only
 * reads it when writing the XML).
 */
const formattedFixedParts = new Map<string, IXmlableObject>();

interface Formattable {
  prepForXml(context: IContext): IXmlableObject | undefined;
}

function reuseFormatting(component: Formattable, key: string): void {
  const format = component.prepForXml.bind(component);
  component.prepForXml = (context) => {
    const formatted = formattedFixedParts.get(key);
    if (formatted) return formatted;
    const xml = format(context);
    if (xml) formattedFixedParts.set(key, xml);
    return xml;
  };
}

/**
 * Lets `document` reuse the formatted styles and theme of earlier documents; `stylesKey` must name everything
 * its styles were made from (the styles' options).
 */
export function reuseFixedParts(document: Document, stylesKey: string): void {
  if (!reusesFormatting()) return;
  reuseFormatting(document.Styles, `styles\n${stylesKey}`);
  reuseFormatting(document.Theme, 'theme');
}

onClearReuse(() => {
  compressedParts.clear();
  formattedFixedParts.clear();
});
