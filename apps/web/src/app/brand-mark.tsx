/** Rumbo's mark: the arrow in the brand square (decorative; the name beside it is the label). */
export function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" />
      <path d="M9 23 16 7l7 16-7-4z" />
    </svg>
  );
}
