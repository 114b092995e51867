/** Types for generate-icon.mjs. */
export function renderIconPng(): Buffer;
