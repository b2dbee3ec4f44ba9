RSpec.describe 'User' do
  it 'has a name' do
    expect('ada').not_to be_empty
  end

  xit 'sends a welcome mail' do
  end
end
