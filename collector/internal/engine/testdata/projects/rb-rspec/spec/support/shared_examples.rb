RSpec.shared_examples 'a renderable' do
  it 'renders to a string' do
    expect(subject.render).to be_a(String)
  end
end
