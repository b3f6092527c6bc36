import { createTheme, darken, type CSSVariablesResolver, defaultVariantColorsResolver, parseThemeColor, type MantineColorsTuple, type VariantColorsResolver } from '@mantine/core';

/** Concord navy: deep enough that text on it and of it passes WCAG AA at every size. */
const concord: MantineColorsTuple = ['#eef3f9', '#dce6f2', '#b6cce4', '#8daed4', '#6a93c6', '#527fbd', '#3f6ea9', '#2f5d92', '#1c4e80', '#0f3a63'];

const LIGHT_FILL = new Set(['yellow', 'orange', 'lime']);

/**
 * Mantine's default light/outline/subtle variants draw text in shade 6, which is below 4.5:1 on
 * white for most hues; Concord draws it in shade 9 (shade 8 for navy) and fills in shade 9 with
 * white text (or shade 3 with dark text for the yellows), so badges and buttons pass axe.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const d = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return d;
  const c = parsed.color;
  const shade = (n: number) => `var(--mantine-color-${c}-${n})`;
  if (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle') {
    // Shade 9 darkened by 40%: at least 4.5:1 on the tinted light background for every hue.
    // On the dark scheme (light-dark() follows Mantine's color-scheme), shade 3 on the dark tint.
    const text = `light-dark(${c === 'concord' ? shade(8) : darken(input.theme.colors[c][9], 0.4)}, ${shade(3)})`;
    return { ...d, color: text, hoverColor: text, border: input.variant === 'outline' ? `1px solid ${text}` : d.border };
  }
  if (input.variant === 'filled') {
    if (LIGHT_FILL.has(c)) return { ...d, background: shade(3), hover: shade(4), color: 'var(--mantine-color-black)', hoverColor: 'var(--mantine-color-black)' };
    if (c === 'concord') return { ...d, background: shade(7), hover: shade(8), color: 'var(--mantine-color-white)' };
    if (c === 'gray' || c === 'dark') return { ...d, background: 'var(--mantine-color-gray-7)', hover: 'var(--mantine-color-gray-8)', color: 'var(--mantine-color-white)' };
    return { ...d, background: shade(9), hover: shade(9), color: 'var(--mantine-color-white)' };
  }
  return d;
};

/** The theme; `closeLabel` names the close button of every dialog and drawer in the reader's language. */
export const makeTheme = (closeLabel: string) =>
  createTheme({
    primaryColor: 'concord',
    primaryShade: 7,
    colors: { concord },
    fontFamily: 'Inter, "Pretendard", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    headings: { fontWeight: '650' },
    defaultRadius: 'sm',
    variantColorResolver,
    components: {
      Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: true } },
      // Badges never truncate: a status cut to “A…” says nothing.
      // A long one (an issue's title) wraps within its column instead of running off a phone's screen.
      Badge: {
        defaultProps: { variant: 'light', radius: 'sm' },
        styles: { root: { flexShrink: 0, overflow: 'visible', maxWidth: '100%', height: 'auto', minHeight: 'var(--badge-height)' }, label: { overflow: 'visible', whiteSpace: 'normal' } },
      },
      // A group's long name in the trail wraps too.
      Breadcrumbs: { styles: { root: { flexWrap: 'wrap' }, breadcrumb: { whiteSpace: 'normal', overflowWrap: 'anywhere' } } },
      Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4 }, closeButtonProps: { 'aria-label': closeLabel } } },
      Drawer: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    },
  });

/** Mantine's dimmed grey (#868e96) is 3.3:1 on white; Concord's is 6:1 so secondary text passes AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // --concord-muted: the background of a muted panel or row; --concord-track: a progress bar's
  // empty track. The dark scheme follows the system (App.tsx).
  light: { '--mantine-color-dimmed': '#5b626b', '--mantine-color-placeholder': '#6b737c', '--concord-muted': 'var(--mantine-color-gray-0)', '--concord-track': 'var(--mantine-color-gray-1)' },
  dark: { '--mantine-color-dimmed': '#a9b0b8', '--concord-muted': 'var(--mantine-color-dark-8)', '--concord-track': 'var(--mantine-color-dark-5)' },
});

/** Text in a hue: the given (dark) shade on the light scheme, shade 3 on the dark one. */
export const hueText = (color: string, shade: number) => `light-dark(var(--mantine-color-${color}-${shade}), var(--mantine-color-${color}-3))`;
