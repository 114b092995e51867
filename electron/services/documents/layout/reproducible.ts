/**
 * Byte-identical output for an identical model, so a document in the registry can be exported again and
 * compared. docx stamps two things with the wall clock: the created/modified dates of docProps/core.xml
 * (replaced by an override written here) and the modification time of every zip entry (patched in place).
 */
import type { CalendarDate } from './chinese-date';

export const CORE_PROPERTIES_PATH = 'docProps/core.xml';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** docProps/core.xml with the document's own date instead of the time it was rendered. */
export function corePropertiesXml(props: { title: string; creator: string; date: CalendarDate }): string {
  const { year, month, day } = props.date;
  const stamp = `${pad(year, 4)}-${pad(month)}-${pad(day)}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(props.title)}</dc:title>` +
    `<dc:creator>${escapeXml(props.creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${escapeXml(props.creator)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Sets the modification time of every entry of a zip archive (local and central headers) to midnight of
 * `date`. Only the fixed-size time and date fields change; the archive stays valid byte for byte otherwise.
 */
export function stampZipEntries(zip: Buffer, date: CalendarDate): Buffer {
  const out = Buffer.from(zip);
  let end = -1;
  for (let at = out.length - 22; at >= Math.max(0, out.length - 22 - 0xffff); at--) {
    if (out.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const dosDate = ((date.year - 1980) << 9) | (date.month << 5) | date.day;
  const dosTime = 0;
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('corrupt zip archive: bad central directory');
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error('corrupt zip archive: bad local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
