#!/usr/bin/env node
/**
 * Draws build/icon.png (512×512): a red rounded square with a white ledger sheet and a red check
 * mark. Written with zlib alone (no image library); shapes are signed-distance fields, so edges are
 * anti-aliased. Run `node scripts/generate-icon.mjs` after changing it and commit the PNG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const RED = [200, 16, 46];
const WHITE = [255, 255, 255];
const LINE = [226, 180, 186];

/** Distance from p to a rounded box centred at c with half-size h and corner radius r (negative inside). */
function roundedBox(px, py, cx, cy, hx, hy, r) {
  const qx = Math.abs(px - cx) - hx + r;
  const qy = Math.abs(py - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from p to the segment a–b, minus half the stroke width. */
function segment(px, py, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) - halfWidth;
}

/** Coverage of a pixel by a shape at signed distance d (one-pixel soft edge). */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

function pixel(x, y) {
  const px = x + 0.5;
  const py = y + 0.5;
  let rgb = RED;
  let alpha = cover(roundedBox(px, py, 256, 256, 240, 240, 96));
  const blend = (color, amount) => {
    rgb = rgb.map((c, i) => c + (color[i] - c) * amount);
  };
  // The ledger sheet with three ruled lines.
  blend(WHITE, cover(roundedBox(px, py, 256, 262, 150, 178, 22)));
  for (const [ly, end] of [[146, 344], [194, 344], [242, 290]]) blend(LINE, cover(segment(px, py, 168, ly, end, ly, 7)));
  // The check mark: the office has followed the task through.
  const check = Math.min(segment(px, py, 178, 338, 236, 394, 22), segment(px, py, 236, 394, 352, 274, 22));
  blend(RED, cover(check));
  return [...rgb.map(Math.round), Math.round(alpha * 255)];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function renderIconPng() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderIconPng());
  console.log(`已生成 ${out}`);
}
