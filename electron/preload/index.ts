/**
 * Preload (sandboxed, CommonJS): exposes exactly the IPC contract as `window.api` and nothing else —
 * no `ipcRenderer`, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld('api', createApi((channel, input) => ipcRenderer.invoke(channel, input)));
