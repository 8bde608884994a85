import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';

vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return { ...real, saveDiagramSvg: vi.fn(), exportCauses: vi.fn(), reportError: vi.fn().mockResolvedValue(undefined) };
});

import type { CauseNode } from '../lib/api';
import CauseDiagram from './CauseDiagram.svelte';

const node = (id: string, parentId: string, kind: string, statement: string, actions = 0): CauseNode =>
  ({
    id,
    parentId,
    kind,
    statement,
    position: 0,
    depth: 0,
    notes: '',
    version: 1,
    updatedAt: 0,
    evidence: [],
    actions: Array.from({ length: actions }, (_, i) => ({ id: `a${i}`, ref: `ACT-${i}`, title: 't', status: 'open' })),
  }) as unknown as CauseNode;

afterEach(cleanup);

describe('CauseDiagram', () => {
  it('draws a box per node, a link per child, and saves a standalone SVG with inline styles', () => {
    const nodes = [
      node('p', '', 'problem', 'Checkout <failed> & "broke"'),
      node('c', 'p', 'cause', 'Pool exhausted'),
      node('r', 'c', 'root', 'No retry budget', 2),
    ];
    const { container, component } = render(CauseDiagram, { nodes, incidentId: 'inc', incidentRef: 'INC-0001' });
    expect(container.querySelectorAll('g.node')).toHaveLength(3);
    expect(container.querySelectorAll('path.link')).toHaveLength(2);
    expect(container.querySelector('g.badge text')?.textContent).toBe('2');

    const svg = (component as unknown as { serialize: () => string }).serialize();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).not.toContain('class="');
    // Text is escaped: the file parses as XML.
    expect(svg).toContain('Checkout &lt;failed&gt; &amp;');
    expect(svg.match(/xmlns=/g)).toHaveLength(1);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
  });
});
