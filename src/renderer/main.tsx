/** Entry point of the workbench in both shells (Electron window and browser tab). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbench } from './features/workbench/Workbench.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Workbench />
  </StrictMode>,
);
