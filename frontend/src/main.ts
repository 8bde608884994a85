// Hindsight's window. Parts used rather than written, and why:
// - bits-ui: headless, accessible Svelte 5 primitives (dialog, command
//   palette, dropdown menu, popover, tabs) that bring focus handling and ARIA
//   roles, styled here with our own CSS variables.
// - @tanstack/svelte-virtual: renders only the rows on screen, so a list of
//   10,000 incidents costs what 30 rows cost.
// - @lucide/svelte: a consistent icon set, imported one icon at a time.
// First, so it runs before any library reads navigator.language.
import './lib/locale';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const app = mount(App, { target: document.getElementById('app')! });
export default app;
