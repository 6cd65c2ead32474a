-- The scene of images/nvim.png: an oil-shaped explorer with descriptions, a file with its code lens and a hover.
-- Run by tests/screenshot.py inside a terminal; FILEDESC_NVIM_ROOT and FILEDESC_PYTHON say where things are.
local root = vim.env.FILEDESC_NVIM_ROOT
vim.opt.runtimepath:prepend(root)
vim.o.termguicolors = true
vim.o.swapfile = false
vim.o.shadafile = 'NONE'
vim.o.laststatus = 2
vim.o.showmode = false
vim.o.number = true
vim.cmd.colorscheme('default')
vim.cmd.runtime('plugin/filedesc.lua')
require('filedesc').setup({
  cmd = { vim.env.FILEDESC_PYTHON, '-m', 'filedesc', 'serve' },
  settings = { language = 'en', backend = 'rules' },
})

local dir = vim.fn.tempname()
vim.fn.mkdir(dir .. '/project', 'p')
vim.fn.writefile({
  '# Release checklist',
  '',
  '1. Run getUserInfo.ts against staging.',
  '2. Then extract_window_events.sh on the logs.',
}, dir .. '/project/CHECKLIST.md')
vim.cmd.edit(dir .. '/project/CHECKLIST.md')
local notes_win = vim.api.nvim_get_current_win()

vim.cmd('topleft vnew')
local explorer = vim.api.nvim_get_current_buf()
vim.api.nvim_buf_set_name(explorer, 'oil://' .. dir .. '/project/')
vim.api.nvim_buf_set_lines(explorer, 0, -1, false, {
  '/001 ../',
  '/002 scripts/',
  '/003 analyser_logs.py',
  '/004 extract_window_events.sh',
  '/005 getUserInfo.ts',
  '/006 docker-compose.yml',
  '/007 Makefile',
})
vim.bo[explorer].buftype = 'nofile'
vim.wo.number = false
vim.wo.conceallevel = 3
vim.wo.concealcursor = 'nvic'
vim.fn.matchadd('Conceal', [[^/\d\+ ]], 10, -1, { conceal = '' })
vim.api.nvim_win_set_width(0, 64)
vim.bo[explorer].filetype = 'oil'

-- Once the server answers: the hover on getUserInfo.ts in the checklist.
local function hover()
  local client = vim.lsp.get_clients({ name = 'filedesc' })[1]
  if not client or not client.initialized or #vim.lsp.codelens.get(vim.api.nvim_win_get_buf(notes_win)) == 0 then
    return vim.defer_fn(hover, 200)
  end
  vim.api.nvim_set_current_win(notes_win)
  vim.api.nvim_win_set_cursor(notes_win, { 3, 10 })
  vim.defer_fn(function()
    vim.lsp.buf.hover()
  end, 500)
end
vim.defer_fn(hover, 300)
