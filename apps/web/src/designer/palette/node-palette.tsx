import { NodeGlyph } from '../canvas/node-glyph.tsx';
import { paletteGroups } from '../catalogue/designer-catalogue.ts';
import { useDesignerT } from '../editor/editor-context.tsx';
import { PALETTE_MIME } from './palette-mime.ts';

/**
 * Every node type, grouped by category. Drag an item onto the canvas, or press it (click,
 * Enter, Space) to add the node in the middle of the visible canvas.
 */
export function NodePalette({ onAdd }: { onAdd: (type: string) => void }) {
  const { t, locale } = useDesignerT();
  return (
    <section className="palette" aria-label={t('palette.label')}>
      <h2 className="panel-title">{t('palette.title')}</h2>
      <p className="palette__hint">{t('palette.hint')}</p>
      {paletteGroups().map((group) => (
        <section
          key={group.category}
          className="palette__group"
          aria-labelledby={`palette-${group.category}`}
        >
          <h3 id={`palette-${group.category}`} className="palette__category">
            {t(`category.${group.category}`)}
          </h3>
          <ul>
            {group.modules.map((module) => (
              <li key={module.type}>
                <button
                  type="button"
                  className={`palette__item palette__item--${module.category}`}
                  draggable
                  onDragStart={(event) => {
                    event.dataTransfer.setData(PALETTE_MIME, module.type);
                    event.dataTransfer.effectAllowed = 'copyMove';
                  }}
                  onClick={() => onAdd(module.type)}
                  title={module.description[locale]}
                  data-node-type={module.type}
                  aria-label={t('palette.add', { type: module.label[locale] })}
                >
                  <NodeGlyph icon={module.icon} type={module.type} />
                  <span>{module.label[locale]}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
