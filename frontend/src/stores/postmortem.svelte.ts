// What the command palette asks of the Postmortem tab: the tab runs it once
// it has loaded the incident's postmortem (or seen there is none).
export type PostmortemRequest = 'start' | 'export' | 'submit';
export const postmortemRequest = $state<{ pending: PostmortemRequest | null }>({ pending: null });
