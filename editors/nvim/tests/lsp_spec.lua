-- Hover, code lens and the live backend switch, through `vim.lsp.enable('filedesc')` (lsp/filedesc.lua).
local H = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/helpers.lua')

vim.cmd.runtime('plugin/filedesc.lua')
vim.lsp.config('filedesc', { cmd = H.cmd, settings = { filedesc = { language = 'en', backend = 'rules' } } })
vim.lsp.enable('filedesc')

local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, params)
  messages[#messages + 1] = params.message
end

local path = H.file('project/notes.md', { '# Notes', '', 'Run getUserInfo.ts, then extract_window_events.sh.' })
vim.cmd.edit(path)
local buf = vim.api.nvim_get_current_buf()

H.test('the client starts from lsp/filedesc.lua and attaches to a markdown buffer', function()
  local client = H.client(buf)
  H.eq('filedesc', client.name)
  assert(client.server_capabilities.hoverProvider, 'no hover capability')
  assert(client.server_capabilities.codeLensProvider, 'no code lens capability')
end)

H.test('hover: the name in bold, the description, the backend in small print', function()
  local text = H.hover(buf, 'getUserInfo.ts')
  H.matches('%*%*getUserInfo%.ts%*%*', text, 'hover')
  H.matches('TypeScript module', text, 'hover')
  H.matches('_filedesc · rules · en', text, 'hover')
end)

H.test('code lens: refreshed on attach, resolved to the file description', function()
  local lenses = H.wait('a resolved code lens', function()
    local found = vim.lsp.codelens.get(buf)
    return (#found > 0 and found[1].command and found[1].command.title ~= '') and found or nil
  end)
  H.eq(0, lenses[1].range.start.line, 'lens line')
  H.matches('[Mm]arkdown', lenses[1].command.title, 'lens title')
end)

H.test('code lens refresh autocommands are installed for the buffer', function()
  local autocmds = vim.api.nvim_get_autocmds({ group = 'filedesc.codelens.' .. buf, buffer = buf })
  local events = {}
  for _, autocmd in ipairs(autocmds) do
    events[autocmd.event] = true
  end
  H.eq({ BufEnter = true, CursorHold = true, InsertLeave = true }, events, 'events')
end)

H.test(':FiledescBackend switches the backend live (settings pushed, server answers with it)', function()
  local client = H.client(buf)
  vim.cmd('FiledescBackend onnx-int8')
  H.eq('onnx-int8', client.settings.filedesc.backend, 'client.settings')
  -- Without an exported int8 model the server says so and falls back to rules; with one, it uses it.
  H.wait('the server to take the new backend', function()
    local text = H.hover(buf, 'extract_window_events.sh')
    for _, message in ipairs(messages) do
      if message:find('int8', 1, true) then
        return true
      end
    end
    return text:find('· onnx%-int8 ·') ~= nil
  end)
  vim.cmd('FiledescBackend rules')
  H.eq('rules', client.settings.filedesc.backend, 'client.settings')
  H.matches('· rules ·', H.wait('a rules hover', function()
    local text = H.hover(buf, 'extract_window_events.sh')
    return text:find('· rules ·') and text or nil
  end), 'hover after the switch back')
end)

H.test('a buffer with no filetype gets the server too (vim.lsp.enable waits for FileType)', function()
  require('filedesc').setup({ cmd = H.cmd, settings = { language = 'en', backend = 'rules' } })
  vim.cmd.edit(H.file('project/NOTES', { 'see analyser_logs.py' }))
  local notes = vim.api.nvim_get_current_buf()
  H.eq('', vim.bo[notes].filetype, 'filetype')
  H.client(notes)
  H.matches('Python module', H.hover(notes, 'analyser_logs.py'), 'hover')
  H.eq(1, #vim.lsp.get_clients({ name = 'filedesc' }), 'one server for every buffer')
end)

H.test(':checkhealth filedesc reports the server and the client', function()
  vim.cmd('checkhealth filedesc')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.matches('filedesc 0%.', text, 'health (server version)')
  H.matches('backend rules', text, 'health (client)')
  assert(not text:find('ERROR'), 'health has errors:\n' .. text)
end)

H.finish()
