/** A few line icons drawn inline (no icon font, nothing extra to download). Decorative: aria-hidden. */
import type { SVGProps } from 'react';

const base = (d: string | string[]) =>
  // biome-ignore lint/correctness/noComponentHookFactories: base() runs once per icon at module load, never during a render
  function Icon({ size = 18, ...p }: SVGProps<SVGSVGElement> & { size?: number }) {
    return (
      <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false" {...p}>
        {(Array.isArray(d) ? d : [d]).map((x) => (
          <path key={x} d={x} />
        ))}
      </svg>
    );
  };

export const IconDashboard = base(['M4 13h6V4H4z', 'M14 20h6V11h-6z', 'M4 20h6v-3H4z', 'M14 7h6V4h-6z']);
export const IconCalendar = base(['M4 6h16v14H4z', 'M4 10h16', 'M8 3v4', 'M16 3v4']);
export const IconScale = base(['M12 4v16', 'M5 8h14', 'M5 8l-3 6a3 3 0 0 0 6 0z', 'M19 8l-3 6a3 3 0 0 0 6 0z', 'M8 20h8']);
export const IconQuote = base(['M7 7h4v4H8c0 2 1 3 3 4', 'M14 7h4v4h-3c0 2 1 3 3 4']);
export const IconDocument = base(['M6 3h8l4 4v14H6z', 'M14 3v4h4', 'M9 12h6', 'M9 16h6']);
export const IconChecklist = base(['M9 6h11', 'M9 12h11', 'M9 18h11', 'M4 6l1 1 2-2', 'M4 12l1 1 2-2', 'M4 18l1 1 2-2']);
export const IconPipeline = base(['M3 6h5v12H3z', 'M10 6h5v8h-5z', 'M17 6h4v5h-4z']);
export const IconHistory = base(['M4 12a8 8 0 1 0 3-6.2', 'M4 4v4h4', 'M12 8v4l3 2']);
export const IconLink = base(['M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1', 'M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1']);
export const IconUsers = base(['M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M3 20a6 6 0 0 1 12 0', 'M16 5a3 3 0 0 1 0 6', 'M18 20a6 6 0 0 0-3-5']);
export const IconAlert = base(['M12 4l9 16H3z', 'M12 10v4', 'M12 17v.5']);
export const IconPlus = base(['M12 5v14', 'M5 12h14']);
export const IconLogout = base(['M15 4h4v16h-4', 'M10 8l-4 4 4 4', 'M6 12h10']);
export const IconGlobe = base(['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M3 12h18', 'M12 3c3 3 3 15 0 18', 'M12 3c-3 3-3 15 0 18']);
export const IconInbox = base(['M4 13l2-8h12l2 8', 'M4 13v6h16v-6', 'M4 13h5l1 2h4l1-2h5']);
export const IconArrowLeft = base(['M19 12H5', 'M11 6l-6 6 6 6']);
export const IconClock = base(['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M12 7v5l3 2']);
export const IconFlag = base(['M5 21V4', 'M5 4h11l-2 4 2 4H5']);
export const IconLock = base(['M6 11h12v9H6z', 'M8 11V8a4 4 0 0 1 8 0v3']);
export const IconSearch = base(['M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z', 'M16 16l4 4']);
export const IconPrinter = base(['M7 9V3h10v6', 'M5 9h14a2 2 0 0 1 2 2v6h-4', 'M7 17H3v-6a2 2 0 0 1 2-2', 'M7 14h10v7H7z']);
export const IconDownload = base(['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14']);
export const IconBell = base(['M6 16V11a6 6 0 0 1 12 0v5l2 2H4z', 'M10 20a2 2 0 0 0 4 0']);
export const IconBook = base(['M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z', 'M4 19V5', 'M8 7h7']);
