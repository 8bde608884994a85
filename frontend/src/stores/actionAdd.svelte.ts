// "New action on this incident" from anywhere (the command palette): the
// incident's Actions tab focuses its add line when it sees the request.
export const actionAdd = $state({ pending: false });
