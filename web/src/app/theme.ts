import type { ThemeConfig } from 'antd';
import { useMemo } from 'react';
import { useReducedMotion } from './reducedMotion.ts';

/**
 * antd's default theme with colours darkened where its defaults miss WCAG AA contrast (4.5:1) on white or on the
 * light tag backgrounds: links, danger buttons, status tags, secondary texts and select placeholders. The browser tests
 * run axe-core and fail on such violations.
 */
const theme: ThemeConfig = {
  // antd's components take their styles from its prebuilt stylesheet (imported by app.css) instead of generating and
  // inserting them while the first page renders — a third of a warm load's script time (docs/PERFORMANCE.md, browser).
  // The theme below still applies: the stylesheet's rules read the tokens as CSS variables, which antd sets at run
  // time under this key's class — a key of our own, so that the stylesheet's blocks of antd's default values (under
  // the key React would give the first provider) never compete with them.
  zeroRuntime: true,
  cssVar: { key: 'css-var-crm' },
  token: {
    colorPrimary: '#1668dc',
    colorInfo: '#1668dc',
    colorLink: '#1668dc',
    // hovered and pressed states darker, not lighter as antd derives them: white on a hovered primary button (and a
    // hovered link or danger button on white) keeps 4.5:1 — a tap on a phone leaves the element hovered
    colorPrimaryHover: '#0958d9',
    colorPrimaryActive: '#003eb3',
    colorLinkHover: '#0958d9',
    colorLinkActive: '#003eb3',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    // the light backgrounds stay antd's (derived from the darker seeds they would turn grey)
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: '#767676',
    borderRadius: 6,
    // app.css sets the same stack on the page itself, so that plain elements match the components
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'PingFang SC', " +
      "'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    // antd's grey description labels (45 % black) are below 4.5:1 on white
    Descriptions: { labelColor: 'rgba(0, 0, 0, 0.6)' },
    // an empty table's text (「还没有计划项」) is drawn in the disabled grey (25 % black, 1.8:1): it is content, not a
    // disabled control
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};

/** The theme of both pages (the staff app and the customer portal), antd's motion off when the user asks for less. */
export function useTheme(): ThemeConfig {
  const reducedMotion = useReducedMotion();
  return useMemo(() => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }), [reducedMotion]);
}
