# Shared setup only: a group without examples is not a test file.
RSpec.shared_context 'with a signed-in user' do
  let(:user) { create(:user) }

  before do
    sign_in user
  end
end

def describe_user(user)
  "it #{user.name}"
end
