-- The explorer adapters on scratch buffers shaped like nvim-tree's, neo-tree's and oil's, with the real server.
local H = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/helpers.lua')

vim.cmd.runtime('plugin/filedesc.lua')
local filedesc = require('filedesc')
local explorer = require('filedesc.explorer')
local lines = require('filedesc.explorer.lines')

--- A scratch buffer in its own window, with `filetype` set last (as the explorers do).
local function scratch(filetype, content)
  local bufnr = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, content)
  vim.api.nvim_set_current_buf(bufnr)
  vim.bo[bufnr].filetype = filetype
  return bufnr
end

local function names(entries)
  return vim.tbl_map(function(entry)
    return { entry.row, entry.name }
  end, entries)
end

--- The end-of-line texts drawn in `bufnr`, by row.
local function virtual_texts(bufnr)
  local found = {}
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, explorer.ns, 0, -1, { details = true })) do
    found[mark[2]] = vim.trim(mark[4].virt_text[1][1])
  end
  return found
end

-- Nerd Font icons as the explorers draw them (private-use code points), written as bytes.
local PY, FOLDER, SH = '\238\152\134', '\238\151\191', '\238\158\149'

local NVIM_TREE = {
  ' ~/src/project/..',
  '  ' .. FOLDER .. ' .github',
  '  ' .. FOLDER .. ' lua',
  '  │  init.lua',
  '  └  extract_window_events.sh ✗',
  '  ' .. PY .. ' analyser_logs.py ' .. '\238\171\158',
  '   docs ➛ ../docs',
}

local NEO_TREE = {
  ' 󰉖 project',
  '  ├─ ' .. FOLDER .. ' scripts',
  '  │ └─  getUserInfo.ts',
  '  └─  analyser_logs.py  M',
}

local OIL = { '/001 ../', '/002 scripts/', '/003 ' .. SH .. ' extract_window_events.sh', '/004 󰌠 analyser_logs.py' }

H.test('line reading: guides, icons, git marks and symlink targets are dropped', function()
  H.eq('init.lua', lines.name_of('  │  init.lua'))
  H.eq('extract_window_events.sh', lines.name_of('  └  extract_window_events.sh ✗'))
  H.eq('docs', lines.name_of('   docs ➛ ../docs'))
  H.eq('my notes.txt', lines.name_of('  my notes.txt'))
  H.eq('scripts', lines.name_of('scripts/'))
  H.eq(nil, lines.name_of(' ~/src/project/..'))
  H.eq(nil, lines.name_of('   '))
end)

H.test('nvim-tree lines: every node but the root line', function()
  local bufnr = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, NVIM_TREE)
  H.eq({
    { 1, '.github' },
    { 2, 'lua' },
    { 3, 'init.lua' },
    { 4, 'extract_window_events.sh' },
    { 5, 'analyser_logs.py' },
    { 6, 'docs' },
  }, names(require('filedesc.explorer.nvim_tree').entries(bufnr)))
end)

H.test('neo-tree lines, and its NuiTree when neo-tree is loaded', function()
  local adapter = require('filedesc.explorer.neo_tree')
  local bufnr = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, NEO_TREE)
  H.eq({ { 1, 'scripts' }, { 2, 'getUserInfo.ts' }, { 3, 'analyser_logs.py' } }, names(adapter.entries(bufnr)))
  local nodes = {
    { name = 'project', level = 0, type = 'directory' },
    { name = 'scripts', level = 1, type = 'directory' },
    { name = 'getUserInfo.ts', level = 2, type = 'file' },
    { name = 'x', type = 'message' },
  }
  local tree = {
    get_node = function(_, linenr)
      return nodes[linenr or 1]
    end,
  }
  package.loaded['neo-tree.sources.manager'] = {
    get_state_for_window = function()
      return { bufnr = bufnr, tree = tree }
    end,
  }
  H.eq({ { 1, 'scripts' }, { 2, 'getUserInfo.ts' } }, names(adapter.entries(bufnr)))
  H.eq(nil, adapter.entry_under_cursor(bufnr), 'the root under the cursor is no entry')
  package.loaded['neo-tree.sources.manager'] = nil
end)

H.test('oil lines ("/ID name"), and get_entry_on_line when oil is loaded', function()
  local adapter = require('filedesc.explorer.oil')
  local bufnr = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, OIL)
  H.eq({ { 1, 'scripts' }, { 2, 'extract_window_events.sh' }, { 3, 'analyser_logs.py' } }, names(adapter.entries(bufnr)))
  package.loaded['oil'] = {
    get_entry_on_line = function(_, lnum)
      return ({ { name = '..' }, { name = 'scripts', type = 'directory' }, { name = 'Makefile', type = 'file' } })[lnum]
    end,
    get_cursor_entry = function()
      return { name = 'Makefile' }
    end,
  }
  H.eq({ { 1, 'scripts' }, { 2, 'Makefile' } }, names(adapter.entries(bufnr)))
  H.eq('Makefile', adapter.entry_under_cursor(bufnr).name)
  package.loaded['oil'] = nil
end)

H.test('visible rows are asked first', function()
  local bufnr = scratch('text', vim.tbl_map(tostring, vim.fn.range(1, 200)))
  vim.api.nvim_win_set_cursor(0, { 150, 0 })
  vim.cmd('normal! zt')
  local entries = {}
  for row = 0, 199 do
    entries[#entries + 1] = { row = row, name = tostring(row) }
  end
  local ordered = explorer.visible_first(bufnr, entries)
  local top, bottom = vim.fn.line('w0') - 1, vim.fn.line('w$') - 1
  H.eq(149, top, 'scrolled')
  H.eq(top, ordered[1].row, 'first row asked')
  H.eq(bottom, ordered[bottom - top + 1].row, 'last visible row')
  H.eq(0, ordered[bottom - top + 2].row, 'then the rows off screen, in order')
end)

-- With the real server: an ordinary file starts it, then the explorer buffers are described through the batch.
require('filedesc').setup({ cmd = H.cmd, settings = { language = 'en', backend = 'rules' } })
vim.cmd.edit(H.file('project/README.md', { '# project' }))
H.client(vim.api.nvim_get_current_buf())

local requests = 0
local describe = filedesc.describe
filedesc.describe = function(batch, callback, lang)
  requests = requests + 1
  return describe(batch, callback, lang)
end

for _, case in ipairs({
  { 'NvimTree', NVIM_TREE, 4, 'Shell script that extracts the window events.' },
  { 'neo-tree', NEO_TREE, 2, 'TypeScript module that gets the user information.' },
  { 'oil', OIL, 2, 'Shell script that extracts the window events.' },
}) do
  local filetype, content, row, expected = unpack(case)
  H.test(filetype .. ': the FileType autocommand attaches the adapter; descriptions drawn at end of line', function()
    local before = requests
    local bufnr = scratch(filetype, content)
    H.eq(filetype, vim.b[bufnr].filedesc_explorer, 'attached')
    local texts = H.wait('end-of-line descriptions', function()
      local found = virtual_texts(bufnr)
      return found[row] and found or nil
    end)
    H.eq(expected, texts[row], 'row ' .. row)
    H.eq(nil, texts[0], 'the root line')
    assert(requests - before <= 1, 'one batch request per buffer, got ' .. (requests - before))
  end)
end

H.test('cached names are not asked again; reset() empties the cache and redraws', function()
  local before = requests
  local bufnr = scratch('NvimTree', NVIM_TREE)
  H.wait('descriptions from the cache', function()
    return virtual_texts(bufnr)[4]
  end)
  H.eq(before, requests, 'requests')
  filedesc.update_settings({ language = 'fr' })
  H.eq(nil, explorer.cached('extract_window_events.sh'), 'cache after reset')
  H.wait('descriptions in French', function()
    local text = virtual_texts(bufnr)[4]
    return text and text:find('^Script shell') and text or nil
  end)
end)

H.test('float mode: the entry under the cursor in a floating preview', function()
  require('filedesc.config').options.explorer.mode = 'float'
  local bufnr = scratch('oil', OIL)
  vim.api.nvim_win_set_cursor(0, { 3, 0 })
  explorer.preview(bufnr)
  local float = H.wait('a float', function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        return win
      end
    end
  end)
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  H.matches('extract_window_events%.sh', text, 'float')
  H.matches('Script shell', text, 'float')
  require('filedesc.config').options.explorer.mode = 'virtual_text'
end)

H.finish()
