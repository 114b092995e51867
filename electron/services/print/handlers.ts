/** 打印 / 导出 PDF's use cases (print.* channels); spread into services/handlers.ts. */
import type { Handlers } from '../../contract/channels';
import type { printChannels } from '../../contract/print';
import type { ServiceContext } from '../context';
import { printPage, savePagePdf } from './print';

type PrintChannel = keyof typeof printChannels;

export const printHandlers = {
  'print.print': (input, ctx) => printPage(ctx, input),
  'print.savePdf': (input, ctx) => savePagePdf(ctx, input),
} satisfies Pick<Handlers<ServiceContext>, PrintChannel>;
