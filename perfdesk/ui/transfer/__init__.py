"""Export, print, workbook import and 汇总: the commands behind the 文件/项目 menus, run in workers."""
