/** Entry of the admin console: providers (language, antd theme/locale, react-query) and the routes. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n';
import { App } from './app/App';

const el = document.getElementById('root');
if (!el) throw new Error('#root missing from index.html');
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
