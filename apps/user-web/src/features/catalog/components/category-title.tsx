import type { CatalogCategory } from '@zefy/contracts';
import { formatSlug } from '@zefy/web-kit';

/** A category's picture and name; its slug, readable, when the categories did not load. */
export function CategoryTitle({ id, category }: { id: string; category: CatalogCategory | undefined }) {
  return (
    <span className="zf-category">
      {category?.imageUrl ? <img src={category.imageUrl} alt="" width={24} height={24} /> : null}
      {category?.name ?? formatSlug(id)}
    </span>
  );
}
