/**
 * Imported first by main.tsx, before the contract's schemas are built: the CSP forbids eval, so
 * zod (used to check forms with the contract's schemas) must stay off its `new Function` fast path.
 */
import { z } from 'zod';

z.config({ jitless: true });
