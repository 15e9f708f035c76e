import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './platform/i18n/i18n';
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
