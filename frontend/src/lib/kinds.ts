// How each kind of timeline event looks: an icon and a colour, always beside
// the kind's label (colour is never the only signal).
import type { Component } from 'svelte';
import Bell from '@lucide/svelte/icons/bell';
import Radar from '@lucide/svelte/icons/radar';
import Wrench from '@lucide/svelte/icons/wrench';
import MessageSquare from '@lucide/svelte/icons/message-square';
import Scale from '@lucide/svelte/icons/scale';
import Eye from '@lucide/svelte/icons/eye';
import Rocket from '@lucide/svelte/icons/rocket';
import ShieldCheck from '@lucide/svelte/icons/shield-check';
import CircleCheck from '@lucide/svelte/icons/circle-check';
import StickyNote from '@lucide/svelte/icons/sticky-note';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Icon = Component<any>;

export const KIND_LOOK: Record<string, { icon: Icon; color: string }> = {
  alert: { icon: Bell, color: '#d23b2f' },
  detection: { icon: Radar, color: '#d9730d' },
  action: { icon: Wrench, color: '#2f6fd6' },
  communication: { icon: MessageSquare, color: '#0f8a8a' },
  decision: { icon: Scale, color: '#8a4fd6' },
  observation: { icon: Eye, color: '#6b6b75' },
  deploy: { icon: Rocket, color: '#4f46e5' },
  mitigation: { icon: ShieldCheck, color: '#b7791f' },
  resolution: { icon: CircleCheck, color: '#2f9e44' },
  note: { icon: StickyNote, color: '#6b6b75' },
};

export function kindLook(kind: string): { icon: Icon; color: string } {
  return KIND_LOOK[kind] ?? KIND_LOOK.note;
}

export const KEY_MOMENTS = [
  { value: 'started', label: 'Started' },
  { value: 'detected', label: 'Detected' },
  { value: 'mitigated', label: 'Mitigated' },
  { value: 'resolved', label: 'Resolved' },
];

export function momentLabel(m: string): string {
  return KEY_MOMENTS.find((k) => k.value === m)?.label ?? m;
}
