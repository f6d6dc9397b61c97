import { describe, expect, it } from 'vitest';
import { plainPreview } from './outbox.queries.ts';

describe('plainPreview', () => {
  it('drops tags, styles and scripts and folds whitespace into one line', () => {
    const html =
      '<style>p{color:red}</style><h1>Hola  Ana</h1>\n<p>Tu&nbsp;pedido &amp; más</p><script>x()</script>';
    expect(plainPreview(html)).toBe('Hola Ana Tu pedido & más');
  });

  it('cuts a long text at 140 characters with an ellipsis', () => {
    const preview = plainPreview(`<p>${'a'.repeat(500)}</p>`);
    expect(preview).toHaveLength(140);
    expect(preview.endsWith('…')).toBe(true);
  });
});
