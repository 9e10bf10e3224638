/** Entry point of the workbench in both shells (Electron window and browser tab). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyDisplaySettings, readDisplaySettings } from './features/settings/display-settings.js';
import { Workbench } from './features/workbench/Workbench.js';

// Before the first paint, so a dark theme or a larger text size never flashes the default.
applyDisplaySettings(readDisplaySettings());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Workbench />
  </StrictMode>,
);
