import { mount } from 'svelte';
import App from './App.svelte';
import { mountOverlays } from './lib/ui/overlays';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mountOverlays();
export default mount(App, { target });
