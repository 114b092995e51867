export * from './channels';
export * from './types';
export * from './vocabulary';
export * from './documents';
export * from './conflicts';
export * from './sharing';
export * from './xlsx';
export * from './statistics';
