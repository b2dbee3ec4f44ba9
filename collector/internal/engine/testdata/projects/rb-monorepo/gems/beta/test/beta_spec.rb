# minitest/spec style in a gem whose Gemfile names minitest; the file name
# looks like RSpec's, the dependency decides.
describe 'Beta' do
  it 'works' do
  end
end
