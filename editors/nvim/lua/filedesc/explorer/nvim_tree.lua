--- nvim-tree (filetype `NvimTree`): line 1 is the root folder, every other line one node.
local lines = require('filedesc.explorer.lines')

local M = {}

---@param bufnr integer
---@return filedesc.Entry[]
function M.entries(bufnr)
  local entries = {}
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    -- The root line ("~/src/project/..") names a path, not an entry.
    local name = index > 1 and lines.name_of(line) or nil
    if name then
      entries[#entries + 1] = { row = index - 1, name = name }
    end
  end
  return entries
end

--- The node under the cursor through nvim-tree's API, when nvim-tree is loaded.
---@return filedesc.Entry?
function M.entry_under_cursor(_)
  local ok, api = pcall(require, 'nvim-tree.api')
  if not ok or not api.tree or not api.tree.get_node_under_cursor then
    return nil
  end
  local node = api.tree.get_node_under_cursor()
  if not node or not node.name or node.name == '..' then
    return nil
  end
  return { row = vim.api.nvim_win_get_cursor(0)[1] - 1, name = node.name }
end

return M
