/**
 * Reads a .docx back for tests: unzips it (jszip), hands out the XML parts as strings, and walks them with a
 * tiny XML parser so tests can ask for elements and attributes instead of matching raw text.
 */
import JSZip from 'jszip';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[entity] ?? whole;
  });
}

/** Parses well-formed XML into elements; throws on a mismatched tag (so a broken part fails the test). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(token)) {
    const [, cdata, closing, name, attrText, selfClosing, text] = match;
    const parent = stack[stack.length - 1]!;
    if (cdata !== undefined) parent.children.push(cdata);
    else if (text !== undefined) parent.children.push(decode(text));
    else if (name === undefined) continue; // comment or declaration
    else if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`mismatched </${name}> (open: ${open?.name})`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name, attrs, children: [] };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return root;
}

function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** All descendants named `name`, in document order (none under a missing element). */
export function findAll(root: XmlElement | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  if (!root) return found;
  const walk = (element: XmlElement) => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

export function find(root: XmlElement | undefined, name: string): XmlElement | undefined {
  return findAll(root, name)[0];
}

/** The direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => isElement(c) && c.name === name);
}

/** The text a reader sees: w:t contents, a tab for w:tab, a line feed for w:br. */
export function textOf(element: XmlElement): string {
  let text = '';
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (!isElement(child)) continue;
      if (child.name === 'w:t') text += child.children.filter((c): c is string => typeof c === 'string').join('');
      else if (child.name === 'w:tab' && e.name === 'w:r') text += '\t';
      else if (child.name === 'w:br') text += '\n';
      else walk(child);
    }
  };
  walk(element);
  return text;
}

/** A numeric attribute of the first descendant `name` (e.g. `num(pPr, 'w:spacing', 'w:line')`). */
export function num(root: XmlElement | undefined, name: string, attr: string): number | undefined {
  const element = root && (root.name === name ? root : find(root, name));
  const value = element?.attrs[attr];
  return value === undefined ? undefined : Number(value);
}

export interface DocxPackage {
  files: string[];
  document: string;
  styles: string;
  settings: string;
  core: string;
  /** every part as text, by path */
  parts: Record<string, string>;
  /** the parsed body (w:document) */
  body: XmlElement;
  /** paragraphs of the body, in order, with their text */
  paragraphs: Array<{ element: XmlElement; text: string }>;
  /** the footer/header part referenced by the first section for `type` (default | even | first) */
  footer(type: 'default' | 'even' | 'first'): string | undefined;
  header(type: 'default' | 'even' | 'first'): string | undefined;
  /** the w:sectPr elements in order (one per section) */
  sections: XmlElement[];
  /** the first paragraph whose text contains `text` (throws when none does) */
  paragraph(text: string): XmlElement;
}

export async function readDocx(bytes: Buffer | Uint8Array): Promise<DocxPackage> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [path, entry] of Object.entries(zip.files)) {
    if (!entry.dir && /\.(xml|rels)$/.test(path)) parts[path] = await entry.async('string');
  }
  const document = parts['word/document.xml'] ?? '';
  const body = parseXml(document);
  const rels = parseXml(parts['word/_rels/document.xml.rels'] ?? '');
  const target = (id: string) => findAll(rels, 'Relationship').find((r) => r.attrs.Id === id)?.attrs.Target;
  const sections = findAll(body, 'w:sectPr');
  const reference = (kind: 'w:footerReference' | 'w:headerReference', type: string) => {
    const ref = sections.map((s) => childrenNamed(s, kind).find((r) => r.attrs['w:type'] === type)).find(Boolean);
    const path = ref && target(ref.attrs['r:id']!);
    return path ? parts[`word/${path}`] : undefined;
  };
  const paragraphs = findAll(body, 'w:p').map((element) => ({ element, text: textOf(element) }));
  return {
    files: Object.keys(zip.files),
    document,
    styles: parts['word/styles.xml'] ?? '',
    settings: parts['word/settings.xml'] ?? '',
    core: parts['docProps/core.xml'] ?? '',
    parts,
    body,
    paragraphs,
    footer: (type) => reference('w:footerReference', type),
    header: (type) => reference('w:headerReference', type),
    sections,
    paragraph(text: string) {
      const hit = paragraphs.find((p) => p.text.includes(text));
      if (!hit) throw new Error(`no paragraph contains “${text}”`);
      return hit.element;
    },
  };
}

/** The w:rFonts of every run in an element that has text. */
export function runFonts(element: XmlElement): Array<Record<string, string>> {
  return findAll(element, 'w:r')
    .filter((r) => textOf(r) !== '')
    .map((r) => find(r, 'w:rFonts')?.attrs ?? {});
}

/** The w:sz values of the runs with text in an element. */
export function runSizes(element: XmlElement): number[] {
  return findAll(element, 'w:r')
    .filter((r) => textOf(r) !== '')
    .map((r) => num(find(r, 'w:rPr'), 'w:sz', 'w:val') ?? NaN);
}
