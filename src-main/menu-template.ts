import type { MenuItemConstructorOptions } from 'electron'

type MenuOptions = { isMac: boolean; isDev: boolean }

/**
 * A small Chinese menu: the clerk needs quit, the edit shortcuts (copy and paste
 * into forms) and zoom for small or high-DPI screens. Reload and developer tools
 * exist only in development: a reload would discard a half-filled intake form.
 */
export function buildMenuTemplate({ isMac, isDev }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ]
  if (isDev) {
    view.push({ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' })
  }
  return [
    ...(isMac ? [{ role: 'appMenu' as const, label: '便民服务站' }] : []),
    { label: '文件', submenu: [{ role: isMac ? 'close' : 'quit', label: isMac ? '关闭窗口' : '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ role: 'about', label: '关于便民服务站' }] },
  ]
}
