/**
 * The body of a document as a list the officer edits: each paragraph a text box, headings with their level,
 * tables shown (read-only: their numbers come from the ledger) with their size; paragraphs may be added,
 * removed and moved. Blocks carry no ids, so the list keeps a parallel array of React keys.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tooltip } from 'antd';
import { memo } from 'react';
import type { DocumentModelData } from '../../../electron/contract/documents';
import { HEADING_LEVELS } from './labels';

export type Block = Extract<DocumentModelData, { kind: 'official' }>['body'][number];

let nextKey = 1;
export const newKeys = (n: number): number[] => Array.from({ length: n }, () => nextKey++);

interface Props {
  blocks: Block[];
  keys: number[];
  onChange: (blocks: Block[], keys: number[]) => void;
  /** error messages by path ('body.3.text'); `prefix` is this list's path ('body', 'attachments.0.blocks') */
  errors: Record<string, string>;
  prefix: string;
  readOnly: boolean;
  testId?: string;
}

const KIND_LABELS: Record<Block['kind'], string> = { paragraph: '段落', heading: '小标题', table: '表格', pageBreak: '分页' };

function BlockList({ blocks, keys, onChange, errors, prefix, readOnly, testId }: Props) {
  const replace = (i: number, b: Block) => onChange(blocks.map((x, j) => (j === i ? b : x)), keys);
  const remove = (i: number) =>
    onChange(
      blocks.filter((_, j) => j !== i),
      keys.filter((_, j) => j !== i),
    );
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= blocks.length) return;
    const b = [...blocks];
    const k = [...keys];
    [b[i], b[j]] = [b[j]!, b[i]!];
    [k[i], k[j]] = [k[j]!, k[i]!];
    onChange(b, k);
  };
  const insert = (at: number, block: Block) => {
    const b = [...blocks];
    const k = [...keys];
    b.splice(at, 0, block);
    k.splice(at, 0, ...newKeys(1));
    onChange(b, k);
  };

  const errorOf = (i: number) => {
    const head = `${prefix}.${i}`;
    const hits = Object.entries(errors)
      .filter(([p]) => p === head || p.startsWith(`${head}.`))
      .map(([, m]) => m);
    return hits.length ? [...new Set(hits)].join('；') : null;
  };

  return (
    <div className="blk-list" data-testid={testId}>
      {blocks.length === 0 && <div className="muted blk-empty">（没有正文）</div>}
      {blocks.map((b, i) => {
        const err = errorOf(i);
        return (
          <div key={keys[i] ?? i} className={`blk blk-${b.kind}${err ? ' blk-has-error' : ''}`} data-testid="editor-block" data-kind={b.kind} data-index={i}>
            <div className="blk-kind">{b.kind === 'heading' ? `${b.level}级标题` : KIND_LABELS[b.kind]}</div>
            <div className="blk-main">
              {b.kind === 'paragraph' && (
                <Input.TextArea
                  value={b.text}
                  onChange={(e) => replace(i, { ...b, text: e.target.value })}
                  autoSize={{ minRows: 1, maxRows: 14 }}
                  readOnly={readOnly}
                  status={err ? 'error' : undefined}
                  className="blk-text"
                  placeholder="段落文字"
                  data-testid="editor-paragraph"
                />
              )}
              {b.kind === 'heading' && (
                <div className="blk-heading">
                  <Select
                    value={b.level}
                    onChange={(level) => replace(i, { ...b, level })}
                    options={HEADING_LEVELS.map((h) => ({ value: h.value, label: h.label }))}
                    disabled={readOnly}
                    popupMatchSelectWidth={false}
                    style={{ width: 150 }}
                    aria-label="标题层级"
                  />
                  <Input
                    value={b.text}
                    onChange={(e) => replace(i, { ...b, text: e.target.value })}
                    readOnly={readOnly}
                    status={err ? 'error' : undefined}
                    className={`blk-heading-text blk-h${b.level}`}
                    placeholder={`${HEADING_LEVELS[b.level - 1]?.sample ?? ''}小标题`}
                    data-testid="editor-heading"
                  />
                </div>
              )}
              {b.kind === 'table' && (
                <div className="blk-table" data-testid="editor-table" data-rows={b.rows.length}>
                  <TableOutlined /> 表格：{b.columns.length} 列 · {b.rows.length} 行
                  <span className="blk-table-cols">{b.columns.map((c) => c.title).join(' ｜ ')}</span>
                  <span className="muted blk-table-note">表中数据取自台账，不在此修改；可在右侧预览中查看。</span>
                </div>
              )}
              {b.kind === 'pageBreak' && <div className="blk-pagebreak">—— 此处另起一页 ——</div>}
              {err && <div className="blk-error">{err}</div>}
            </div>
            {!readOnly && (
              <div className="blk-tools">
                <Tooltip title="上移">
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />
                </Tooltip>
                <Tooltip title="下移">
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    disabled={i === blocks.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label="下移"
                  />
                </Tooltip>
                <Tooltip title="在下面插入段落">
                  <Button
                    size="small"
                    type="text"
                    icon={<PlusOutlined />}
                    onClick={() => insert(i + 1, { kind: 'paragraph', text: '' })}
                    aria-label="插入段落"
                    data-testid="editor-insert"
                  />
                </Tooltip>
                <Tooltip title={b.kind === 'table' ? '删除表格' : '删除'}>
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(i)}
                    aria-label="删除"
                    data-testid="editor-remove"
                  />
                </Tooltip>
              </div>
            )}
          </div>
        );
      })}
      {!readOnly && (
        <div className="blk-add">
          <Button size="small" icon={<PlusOutlined />} onClick={() => insert(blocks.length, { kind: 'paragraph', text: '' })} data-testid="editor-add-paragraph">
            段落
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => insert(blocks.length, { kind: 'heading', level: 1, text: '' })}>
            小标题
          </Button>
        </div>
      )}
    </div>
  );
}

export default memo(BlockList);
