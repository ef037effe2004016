import { type ResponsiveSource, responsiveImage } from '../responsive-image.js';

/**
 * An image with its responsive renditions: `<picture>` with a WebP `<source>` when the item has
 * WebP copies, otherwise a plain `<img>`. Width and height are always set (no layout shift).
 */
export function ResponsivePicture(props: {
  image: ResponsiveSource;
  sizes: string;
  alt: string;
  class?: string | undefined;
  loading?: 'lazy' | 'eager' | undefined;
  fetchpriority?: 'high' | 'low' | 'auto' | undefined;
}) {
  const r = responsiveImage(props.image, props.sizes);
  const img = (
    <img
      class={props.class}
      src={r.src}
      srcset={r.srcset || undefined}
      sizes={r.srcset ? r.sizes : undefined}
      width={r.width}
      height={r.height}
      alt={props.alt}
      loading={props.loading}
      fetchpriority={props.fetchpriority}
      decoding="async"
    />
  );
  if (!r.webpSrcset) return img;
  return (
    <picture>
      <source type="image/webp" srcset={r.webpSrcset} sizes={r.sizes} />
      {img}
    </picture>
  );
}
