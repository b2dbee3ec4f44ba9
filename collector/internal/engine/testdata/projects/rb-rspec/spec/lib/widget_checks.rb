# Not named *_spec.rb: rspec would not load it by default, but it is under
# spec/ and .rspec says the folder is RSpec's.
describe Widget do
  it_behaves_like 'a renderable'

  it 'renders a tag' do
    expect(Widget.new.render).to start_with('<')
  end
end
