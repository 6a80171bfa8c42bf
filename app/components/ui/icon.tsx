/** An icon from bootstrap-italia's sprite; decorative unless given a title. */
export function Icon({ name, className = "icon-sm", title }: { name: string; className?: string; title?: string }) {
  return (
    <svg className={`icon ${className}`} aria-hidden={title ? undefined : true} role={title ? "img" : undefined}>
      {title ? <title>{title}</title> : null}
      <use href={`/vendor/bootstrap-italia/svg/sprites.svg#${name}`} />
    </svg>
  );
}
